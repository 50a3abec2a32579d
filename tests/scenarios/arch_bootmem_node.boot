# CONFIG_HAVE_ARCH_BOOTMEM_NODE with CONFIG_DISCONTIGMEM on i386 (NUMA-Q), from 2.5.34
# (0d0bdc8e6f): bootmem.h leaves reserve_bootmem() and the alloc_bootmem*() macros to
# i386's mmzone.h, which puts every one of them on NODE_DATA(0), whatever node the
# caller names.
# 2.5.1 to 2.5.33: the option does not exist; alloc_bootmem_node(1, ...) allocates on
#   node 1 and alloc_bootmem() takes the first node of pgdat_list, node 1.
# 2.5.34 to 2.5.67: both come from node 0; reserve_bootmem() reserves on node 0.
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

# expect 2.5.1..2.5.30: line 16 = 0x100000
# expect 2.5.1..2.5.30: line 17 = 0x101000
# expect 2.5.1..2.5.30: line 19 = 0x102000
# expect 2.5.34..2.5.52: line 16 = 0x0
# expect 2.5.34..2.5.52: line 17 = 0x1000
# expect 2.5.34..2.5.52: line 19 = 0x3000
