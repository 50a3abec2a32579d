# The node variant of the _limit API: __alloc_bootmem_node_limit() exists only in
# 2.6.14 and 2.6.15 (281dd25c added it, 008857c1 removed it in 2.6.16). Elsewhere the
# run stops there as unavailable, after the ordinary node allocation.
arch x86_64

init_bootmem_node(0, 0x100, 0x0, 0x100)
free_bootmem_node(0, 0x10000, 0xf0000)       # pfns 0x10-0xff
alloc_bootmem_pages_node(0, 0x1000)
__alloc_bootmem_node_limit(0, 0x1000, 0x1000, 0, 0x80000)
alloc_bootmem_pages_node(0, 0x1000)

# expect 2.6.14..2.6.15: completes
# expect ..2.6.13, 2.6.16..: unavailable __alloc_bootmem_node_limit at line 9
