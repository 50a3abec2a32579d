# alloc_remap() without CONFIG_HAVE_ARCH_ALLOC_REMAP: the static inline stub of
# bootmem.h (2.6.13:77-80, 2.6.14/2.6.15:95-98) returns NULL, whatever the size.
# There is no remap area to declare, so remap_area() is unavailable and the run stops
# at line 13 from 2.6.13 on. Older releases have no alloc_remap() at all: they stop at
# line 11.
arch i386

init_bootmem(0x100, 0x1000)
free_bootmem(0x0, 0x1000000)
reserve_bootmem(0x0, 0x101000)
alloc_remap(0, 0x1000)                           # NULL
alloc_node_mem_map(0)                            # so the mem_map comes from bootmem
remap_area(0, 0x1000000, 0x400000)

# expect ..2.6.12: unavailable alloc_remap at line 11
# expect 2.6.13..: line 11 = NULL
# expect 2.6.13..: unavailable remap_area at line 13
