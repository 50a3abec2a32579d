# On i386, a reserve entirely below the node's start: node 1 spans pfns 0x100-0x1ff and
# the reserve is page 0. Both indexes wrap at 32 bits: sidx = 0xfff00, eidx = 0xfff01,
# so every release passes its checks (2.4.0 bootmem.c:84-87, 2.4.22 :86-97, 2.6.12
# :91-94, 2.6.16 :99-102) and sets bit 0xfff00 of node 1's bitmap: the byte 0x1ffe0
# past its start, at 0x31ffe0. That byte lies in node 0's bitmap, which starts at
# 0x31f000: it is node 0's bit 0x7f00, so node 0's free page 0x8100 becomes reserved,
# in every release, and free_all_bootmem_node() hands over 511 of the 512 free pages
# (plus the bitmap's page, 0x31f).
arch i386

init_bootmem_node(1, 0x300, 0x100, 0x200)    # bitmap at 0x300000
init_bootmem_node(0, 0x31f, 0x200, 0x8200)   # bitmap at 0x31f000, 0x1000 bytes
free_bootmem_node(0, 0x8000000, 0x200000)    # node 0: pfns 0x8000-0x81ff free
reserve_bootmem_node(1, 0x0, 0x1000)
free_all_bootmem_node(0)

# expect all: line 15 = 512
