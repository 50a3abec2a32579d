# 66d43e98 "fix in __alloc_bootmem_core() when there is no free page in first node's
# memory" (2.6.15). Node 0 (pfns 0-0x200, searched first) was never freed: its bitmap
# of 64 bytes is all ones, and the byte just past it is 0. A one-page
# __alloc_bootmem_node(0, ...):
# - 2.6.12-2.6.14: find_next_zero_bit() over the full bitmap answers 0x200 = eidx; the
#   bit tested there lies past the bitmap and is clear, so with areasize 1 the scan
#   takes start = eidx and BUG_ON(start >= eidx) fires: mm/bootmem.c:213 (2.6.12), 221
#   (2.6.13), 229 (2.6.14). The node-1 fallback is never reached.
# - 2.6.15 on: `if (i >= eidx) break;` (bootmem.c:207-208) ends the scan, node 0 answers
#   NULL, and __alloc_bootmem() finds the page in node 1: 0x200000.
arch x86_64

init_bootmem_node(1, 0x400, 0x200, 0x400)
init_bootmem_node(0, 0x401, 0x0, 0x200)
free_bootmem_node(1, 0x200000, 0x200000)
__alloc_bootmem_node(0, 0x1000, 0x1000, 0)
# 2.5.68 to 2.5.75 BUG as 2.6.12 does since 79e626e1, at bootmem.c:209 (2.5.71 to
# 2.5.74: 213); 2.4.22 tests no bit past eidx and panics "Out of memory".

# expect 2.6.0: bug mm/bootmem.c:209 at line 16
# expect 2.6.4: bug mm/bootmem.c:212 at line 16
# expect 2.6.7: bug mm/bootmem.c:207 at line 16
# expect 2.6.8..2.6.10: bug mm/bootmem.c:212 at line 16
# expect 2.6.11: bug mm/bootmem.c:213 at line 16
# expect 2.6.12: bug mm/bootmem.c:213 at line 16
# expect 2.6.13: bug mm/bootmem.c:221 at line 16
# expect 2.6.14: bug mm/bootmem.c:229 at line 16
# expect 2.6.15..: line 16 = 0x200000
# expect 2.5.68, 2.5.75: bug mm/bootmem.c:209 at line 16
# expect 2.5.71: bug mm/bootmem.c:213 at line 16
