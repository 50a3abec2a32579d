# A 64 GiB x86_64 machine (16 Mi page frames) in one node: a 2 MiB bitmap at 16 MiB,
# the kernel reserved, a few allocations, then every page handed over. The simulator
# keeps only what the kernel touches, so this runs in well under a second.
arch x86_64

init_bootmem(0x1000, 0x1000000)
free_bootmem(0x0, 0x9f000)
free_bootmem(0x100000, 0xfff00000)
free_bootmem(0x100000000, 0xf00000000)
reserve_bootmem(0x100000, 0xf01000)          # kernel from 1 MiB, then the bitmap
reserve_bootmem(0x0, 0x1000)
alloc_node_mem_map(0)                        # 16 Mi struct pages: 896 MiB
alloc_bootmem(0x100000)
alloc_bootmem_pages(0x40000)
free_all_bootmem()

# expect all: completes
