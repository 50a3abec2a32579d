# free_all_bootmem_node() on an x86_64 node starting at pfn 0x20 (128 KiB).
# 2.6.12 takes the whole-long path only when ffs(node_boot_start) - PAGE_SHIFT >
#   ffs(BITS_PER_LONG) (bootmem.c:273-275): ffs(0x20000) - 12 = 6 is not > 7, so every
#   page goes over on its own, as in 2.4.22. The next node starts at pfn 0x100
#   (1 MiB): 21 - 12 = 9 > 7, so it gets order-6 blocks.
arch x86_64

init_bootmem_node(0, 0x9f, 0x20, 0xa0)       # each bitmap in its node's last page
init_bootmem_node(1, 0x17f, 0x100, 0x180)
free_bootmem_node(0, 0x20000, 0x80000)
free_bootmem_node(1, 0x100000, 0x80000)
reserve_bootmem_node(0, 0x9f000, 0x1000)
reserve_bootmem_node(1, 0x17f000, 0x1000)
free_all_bootmem_node(0)
free_all_bootmem_node(1)

# expect all: line 14 = 128
# expect all: line 15 = 128
