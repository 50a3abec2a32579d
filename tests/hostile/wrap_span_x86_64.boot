# A node whose start pfn, shifted by PAGE_SHIFT, wraps past 2^64: the kernel sees
# a node of about 2^64 frames, which free_all_bootmem() would walk.
init_bootmem_node(0, 0x0, 0xFFFFFFFFFFFFF000, 0xFFFFFFFFFFFFFFFF)
free_all_bootmem()
