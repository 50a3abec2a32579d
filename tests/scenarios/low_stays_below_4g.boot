# alloc_bootmem_low_pages() and alloc_bootmem_low() when the node searched first
# straddles 4 GiB, with only its last page below 4 GiB free, and a second node holds
# free memory in the first MiB.
# 2.4.0 to 2.6.15: the _low macros are __alloc_bootmem() with goal 0 and no limit
#   (2.6.15 bootmem.h:52, 56): node 0 answers with the last page below 4 GiB,
#   0xfffff000, and then with 0x100000000, above 4 GiB, for a "low" request.
# 2.6.16 (008857c1): they call __alloc_bootmem_low() with LOW32LIMIT 0xffffffff
#   (bootmem.c:415-425); shifted to a pfn the limit is 0xfffff and caps the scan's end
#   (bootmem.c:172-176), so node 0 offers nothing, not even pfn 0xfffff, and both
#   allocations come from node 1: 0x20000, then 0x21000.
arch x86_64

init_bootmem_node(1, 0x11, 0x0, 0x100)       # node 1: the first MiB
init_bootmem_node(0, 0x10, 0xfff00, 0x100100) # node 0: 1 MiB each side of 4 GiB
free_bootmem_node(1, 0x20000, 0x20000)       # node 1: pfns 0x20-0x3f
free_bootmem_node(0, 0xfffff000, 0x101000)   # node 0: pfn 0xfffff and all above 4 GiB
alloc_bootmem_low_pages(0x1000)
alloc_bootmem_low(0x2000)

# expect ..2.6.15: line 17 = 0xfffff000
# expect ..2.6.15: line 18 = 0x100000000
# expect 2.6.16: line 17 = 0x20000
# expect 2.6.16: line 18 = 0x21000
