# The ordinary life of one node: init, free the RAM, reserve the kernel and the bitmap,
# a few allocations of each macro, then free_all_bootmem().
arch x86_64

bootmem_bootmap_pages(0x2000)
init_bootmem(0x400, 0x2000)                  # 32 MiB; bitmap at 4 MiB
free_bootmem(0x0, 0x2000000)
reserve_bootmem(0x100000, 0x301000)          # kernel at 1 MiB up to and including the bitmap
alloc_bootmem(0x100)
alloc_bootmem_pages(0x3000)
alloc_bootmem_low(0x100)
alloc_bootmem_low_pages(0x1000)
alloc_bootmem_node(0, 0x40)
alloc_bootmem_pages_node(0, 0x1000)
alloc_bootmem_low_pages_node(0, 0x2000)
__alloc_bootmem(0x10000, 0x10000, 0x1800000)
free_all_bootmem()

# expect all: completes
