# alloc_remap(), the i386 NUMA remap space allocator of 6f167ec7 (2.6.13,
# arch/i386/mm/discontig.c:191-204), with CONFIG_HAVE_ARCH_ALLOC_REMAP=y.
# remap_area(nid, addr, size) declares what setup_memory() leaves in
# node_remap_alloc_vaddr[nid] (addr: the first byte handed out, after the node's
# pg_data_t) and node_remap_end_vaddr[nid] (addr + size).
# - Without an area the pointer is NULL and so is the answer (line 19, and node 1 at
#   line 26).
# - Sizes are rounded up to L1_CACHE_BYTES, 32 on this i386 profile: 100 bytes take 128.
# - The end test is (allocation + size) >= end (discontig.c:197): the last 32 bytes of
#   the area can never be handed out, even to a request that fits exactly (line 24),
#   and any size rounds up to at least one line (line 25).
# - The area is not bootmem: the node's bitmap is untouched.
# Releases before 2.6.13 have no alloc_remap(): the run stops at line 19 as
# unavailable.
arch i386
config CONFIG_HAVE_ARCH_ALLOC_REMAP=y

init_bootmem(0x100, 0x1000)                      # 16 MiB of bootmem
alloc_remap(0, 0x100)                            # NULL: no area yet
remap_area(0, 0x1000000, 0x1000)                 # one page just above the node
alloc_remap(0, 100)                              # 0x1000000, takes 128 bytes
alloc_remap(0, 0x20)                             # 0x1000080
alloc_remap(0, 0xf40)                            # 0x10000a0, ends at 0x1000fe0
alloc_remap(0, 0x20)                             # NULL: would end exactly at the end
alloc_remap(0, 1)                                # NULL: rounds up to the same 32 bytes
alloc_remap(1, 0x20)                             # NULL: node 1 has no area

# expect ..2.6.12: unavailable alloc_remap at line 19
# expect 2.6.13..: line 19 = NULL
# expect 2.6.13..: line 21 = 0x1000000
# expect 2.6.13..: line 22 = 0x1000080
# expect 2.6.13..: line 23 = 0x10000a0
# expect 2.6.13..: line 24 = NULL
# expect 2.6.13..: line 25 = NULL
# expect 2.6.13..: line 26 = NULL
# expect 2.6.13..: completes
