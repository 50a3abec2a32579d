# A one-page request on a node with nothing free from the scan start to its end, whose
# page count (64) is a multiple of BITS_PER_LONG, with zeroed memory past the bitmap.
# 2.6.12: find_next_zero_bit() finds nothing and answers 64, the node's end; the bit
#   tested there lies just past the bitmap and reads 0, so the scan "finds" page 64
#   and BUG_ON(start >= eidx) fires at bootmem.c:213 (last_success is already set).
# 2.4.22: the scan tests only bits below eidx, returns NULL, and the node-local call
#   panics "Out of memory".
arch x86_64

init_bootmem_node(1, 0x201, 0x40, 0x80)
init_bootmem_node(0, 0x200, 0x0, 0x40)       # node 0: 64 pages, all reserved
free_bootmem_node(1, 0x40000, 0x40000)
__alloc_bootmem_node(0, 0x1000, 0x1000, 0)
# 2.5.68 to 2.5.75 BUG as 2.6.12 does since 79e626e1, at bootmem.c:209 (2.5.71 to
# 2.5.74: 213), with last_success already set to the page past the node.

# expect 2.6.0: bug mm/bootmem.c:209 at line 13
# expect 2.6.4: bug mm/bootmem.c:212 at line 13
# expect 2.6.7: bug mm/bootmem.c:207 at line 13
# expect 2.6.8..2.6.10: bug mm/bootmem.c:212 at line 13
# expect 2.6.11: bug mm/bootmem.c:213 at line 13
# expect 2.6.12: bug mm/bootmem.c:213 at line 13
# expect 2.4.22: panic "Out of memory" at line 13
# expect 2.5.68, 2.5.75: bug mm/bootmem.c:209 at line 13
# expect 2.5.71: bug mm/bootmem.c:213 at line 13
