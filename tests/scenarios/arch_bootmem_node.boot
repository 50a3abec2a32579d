# CONFIG_HAVE_ARCH_BOOTMEM_NODE with CONFIG_DISCONTIGMEM on i386 (NUMA-Q), from 2.5.34
# (0d0bdc8e6f) to 2.6.16: bootmem.h leaves reserve_bootmem() and the alloc_bootmem*()
# macros to i386's mmzone.h, which puts every one on NODE_DATA(0), whatever node is named.
# 2.4.0 to 2.5.33: no such option; alloc_bootmem_node(1, ...) allocates on node 1 and
#   alloc_bootmem() takes the first node of pgdat_list, node 1.
# 2.5.34 on: both come from node 0; reserve_bootmem() reserves on node 0. The _limit call
#   at the end exists only in 2.6.14 and 2.6.15, and not with the option (281dd25c).
arch i386
config CONFIG_HAVE_ARCH_BOOTMEM_NODE=y
config CONFIG_DISCONTIGMEM=y

init_bootmem_node(0, 0x300, 0x0, 0x100)      # node 0: pfns 0-0xff
init_bootmem_node(1, 0x301, 0x100, 0x200)    # node 1: pfns 0x100-0x1ff, first in pgdat_list
free_bootmem_node(0, 0x0, 0x100000)
free_bootmem_node(1, 0x100000, 0x100000)
alloc_bootmem_node(1, 0x1000)
alloc_bootmem(0x1000)
reserve_bootmem(0x2000, 0x1000)
alloc_bootmem_pages(0x1000)
alloc_bootmem_low_pages_limit(0x1000, 0x1000000)

# expect ..2.5.30: line 16 = 0x100000
# expect ..2.5.30: line 17 = 0x101000
# expect ..2.5.30: line 19 = 0x102000
# expect 2.5.34..: line 16 = 0x0
# expect 2.5.34..: line 17 = 0x1000
# expect 2.5.34..: line 19 = 0x3000
# expect all: unavailable alloc_bootmem_low_pages_limit at line 20
