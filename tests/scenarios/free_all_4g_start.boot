# A node that starts at 4 GiB on x86_64. ffs() takes an int, so it sees only the low
# 32 bits of node_boot_start (0x100000000): ffs(0) = 0, and 0 - 12 > 7 is false. So
# 2.6.12 hands this perfectly aligned node over page by page, like 2.4.22 does.
arch x86_64

init_bootmem_node(0, 0x10007f, 0x100000, 0x100080)
free_bootmem_node(0, 0x100000000, 0x80000)
reserve_bootmem_node(0, 0x10007f000, 0x1000) # the bitmap page
free_all_bootmem_node(0)

# expect all: line 9 = 128
