# A 16 KiB-aligned page on a node starting at pfn 0x101 (not 16 KiB aligned), with a
# goal in a reserved part of the node, so the first scan fails and the scan restarts.
# 2.4.0 to 2.4.10: no alignment offset. The goal gives preferred index 0x20, nothing fits from
#   there, the restart goes back to preferred = 0 (bootmem.c:175-178), and index 0
#   fits: 0x101000, aligned to the node start, not physically. The second call
#   steps by four pages from index 0: 0x105000.
# 2.4.17 to 2.4.22 (linux-history 2.4.17): offset 3 makes the physical address aligned; the
#   restart is from preferred = offset (bootmem.c:195-198): 0x104000, then 0x108000.
# 2.6.12 to 2.6.16: restart from offset 3 as well, but find_next_zero_bit() then
#   ALIGN(i, incr) aligns the index within the node (bootmem.c 2.6.16:205-206):
#   index 4, 0x105000, then index 8, 0x109000. The 0xff written past the bitmap
#   keeps 2.6.12 to 2.6.14 from reading a zero bit past the node's end (see
#   scan_past_bitmap_zero).
arch x86_64

init_bootmem_node(0, 0x300, 0x101, 0x141)    # 64 pages from pfn 0x101
free_bootmem_node(0, 0x101000, 0x40000)
reserve_bootmem_node(0, 0x120000, 0x21000)   # pfns 0x120-0x140: everything from the goal up
memset(0x300008, 0xff, 8)                    # the long just past the 8-byte bitmap
__alloc_bootmem(0x1000, 0x4000, 0x121000)
__alloc_bootmem(0x1000, 0x4000, 0x0)
# expect 2.4.0: line 20 = 0x101000
# expect 2.4.0: line 21 = 0x105000
# expect 2.4.22: line 20 = 0x104000
# expect 2.4.22: line 21 = 0x108000
# expect 2.6.12..2.6.16: line 20 = 0x105000
# expect 2.6.12..2.6.16: line 21 = 0x109000
# expect ..2.4.10: line 20 = 0x101000
# expect ..2.4.10: line 21 = 0x105000
# expect 2.4.17..2.4.22: line 20 = 0x104000
# expect 2.4.17..2.4.22: line 21 = 0x108000
# expect 2.5.1: line 20 = 0x101000
# expect 2.5.1: line 21 = 0x105000
# expect 2.5.2..2.5.52: line 20 = 0x104000
# expect 2.5.2..2.5.52: line 21 = 0x108000
# expect 2.5.68..2.5.75: line 20 = 0x105000
# expect 2.5.68..2.5.75: line 21 = 0x109000
# expect 2.6.0..2.6.16: line 20 = 0x105000
# expect 2.6.0..2.6.16: line 21 = 0x109000
