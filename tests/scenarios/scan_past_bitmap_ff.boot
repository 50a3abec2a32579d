# As scan_past_bitmap_zero, but other boot code has written 0xff just past node 0's
# bitmap, as a neighbouring structure might.
# 2.6.12: the bit past the bitmap reads 1, the scan ends, node 0 returns NULL and the
#   allocation falls back to node 1.
# 2.4.22: the node-local call has no fallback and panics "Out of memory".
arch x86_64

init_bootmem_node(1, 0x201, 0x40, 0x80)
init_bootmem_node(0, 0x200, 0x0, 0x40)
free_bootmem_node(1, 0x40000, 0x40000)
memset(0x200008, 0xff, 8)                    # the long just past node 0's 8-byte bitmap
__alloc_bootmem_node(0, 0x1000, 0x1000, 0)
# 2.5.68 to 2.5.75 read the 1 past the bitmap as 2.6.12 does, but like 2.4.22 have no
# fallback: "Out of memory".

# expect 2.6.0..2.6.7: panic "Out of memory" at line 12
# expect 2.6.8..2.6.12: line 12 = 0x40000
# expect 2.4.22: panic "Out of memory" at line 12
# expect 2.5.68..2.5.75: panic "Out of memory" at line 12
