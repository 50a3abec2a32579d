# 281dd25c (2.6.14): __alloc_bootmem_core() returns NULL at once for a node that starts
# at or above the limit (2.6.14/2.6.15 bootmem.c:169-170), before the limit is turned
# into a pfn. The node call then falls back to every node under the same limit
# (bootmem.c:421), and when no node is below the limit __alloc_bootmem_limit() prints
# "bootmem alloc of 4096 bytes failed!" and panics "Out of memory".
# Node 1 spans 4 GiB-4 GiB+4 MiB, node 0 spans 1 MiB-5 MiB and is searched first.
# 2.6.14, 2.6.15:
#   line 22: node 1 starts exactly at the 4 GiB limit: NULL, then node 0: 0x101000.
#   line 23: an 8 GiB limit lets node 1 answer: 0x100000000.
#   line 24: node 1 is refused again; in node 0 the macro's goal, __pa(MAX_DMA_ADDRESS)
#     = 16 MiB, lies past the node, so the scan starts at the node start: 0x102000.
#   line 25: a 1 MiB limit equals node 0's start and lies below node 1: panic.
# 2.6.13 and older, and 2.6.16 (008857c1 removed the _limit calls): the run stops at
#   line 22, __alloc_bootmem_node_limit being unavailable.
arch x86_64

init_bootmem_node(1, 0x100400, 0x100000, 0x100400)
init_bootmem_node(0, 0x500, 0x100, 0x500)
free_bootmem_node(1, 0x100000000, 0x400000)
free_bootmem_node(0, 0x100000, 0x400000)
reserve_bootmem_node(0, 0x100000, 0x1000)
__alloc_bootmem_node_limit(1, 0x1000, 0x1000, 0, 0x100000000)
__alloc_bootmem_node_limit(1, 0x1000, 0x1000, 0, 0x200000000)
alloc_bootmem_node_limit(1, 0x40, 0x100000000)
__alloc_bootmem_limit(0x1000, 0x1000, 0, 0x100000)

# expect 2.6.14..2.6.15: line 22 = 0x101000
# expect 2.6.14..2.6.15: line 23 = 0x100000000
# expect 2.6.14..2.6.15: line 24 = 0x102000
# expect 2.6.14..2.6.15: printk "bootmem alloc of 4096 bytes failed!" at line 25
# expect 2.6.14..2.6.15: panic "Out of memory" at line 25
# expect ..2.6.13, 2.6.16..: unavailable __alloc_bootmem_node_limit at line 22
