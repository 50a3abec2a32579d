# Nothing free on a node of 100 pages (not a multiple of BITS_PER_LONG) on x86_64.
# 2.6.12 on x86: find_next_zero_bit() scans whole longs with repe scasq and, finding
#   no zero, answers the end of the last long read, 128; the bitmap is 16 bytes, so
#   bit 128 is the first bit past it, reads 0, and BUG_ON(start >= eidx) fires at
#   bootmem.c:213. (On ia64, whose find_next_zero_bit stops at size, see
#   scan_past_bitmap_ia64.)
# 2.4.22: NULL, then "Out of memory".
arch x86_64

init_bootmem_node(0, 0x200, 0x0, 0x64)
alloc_bootmem_node(0, 0x1000)

# expect 2.6.0: bug mm/bootmem.c:209 at line 11
# expect 2.6.4: bug mm/bootmem.c:212 at line 11
# expect 2.6.7: bug mm/bootmem.c:207 at line 11
# expect 2.6.8..2.6.10: bug mm/bootmem.c:212 at line 11
# expect 2.6.11: bug mm/bootmem.c:213 at line 11
# expect 2.6.12: bug mm/bootmem.c:213 at line 11
# expect 2.4.22: panic "Out of memory" at line 11
# expect 2.5.68, 2.5.75: bug mm/bootmem.c:209 at line 11
# expect 2.5.71: bug mm/bootmem.c:213 at line 11
