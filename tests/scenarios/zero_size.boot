# An allocation of zero bytes.
# 2.4.22: BUG() at bootmem.c:154.
# 2.6.12: printk "__alloc_bootmem_core(): zero-sized request", then BUG() at
#   bootmem.c:157.
init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
alloc_bootmem(0)

# expect 2.4.22: bug mm/bootmem.c:154 at line 7
# expect 2.6.12: printk "__alloc_bootmem_core(): zero-sized request" at line 7
# expect 2.6.12: bug mm/bootmem.c:157 at line 7
