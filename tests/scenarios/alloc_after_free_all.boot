# An allocation after free_all_bootmem() dereferences the dropped (NULL) bitmap: an oops
# (2.4.22 in test_bit, 2.6.12 in find_next_zero_bit).
init_bootmem(0xff, 0x100)                    # the bitmap in the node's last page
free_bootmem(0x0, 0x40000)
free_all_bootmem()
alloc_bootmem(0x100)

# expect all: oops at line 6
