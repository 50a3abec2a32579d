# alloc_bootmem_low_pages_node() on a full node 0 while node 1 has room.
# 2.4.0: the failed scan falls into found: with start 0 and BUGs at bootmem.c:219.
# 2.4.22 to 2.5.75: no fallback: "bootmem alloc of 4096 bytes failed!", panic "Out of memory".
# 2.6.12 to 2.6.15: the macro is __alloc_bootmem_node(), which falls back to every node:
#   0x40000, then alloc_bootmem_pages_node() gets 0x41000; __alloc_bootmem_low_node()
#   does not exist yet and the run stops there.
# 2.6.16 (008857c1): the macro is __alloc_bootmem_low_node() (bootmem.h:76-77,
#   bootmem.c:435-439), which tries that node only and returns NULL;
#   alloc_bootmem_pages_node() still falls back: 0x40000; the direct call is NULL too.
# The 0xff past node 0's bitmap keeps 2.6.12 to 2.6.14 from taking the bit past the
# node's end for a free page (see scan_past_bitmap_zero).
arch x86_64

init_bootmem_node(1, 0x201, 0x40, 0x80)
init_bootmem_node(0, 0x200, 0x0, 0x40)       # node 0: all 64 pages reserved
free_bootmem_node(1, 0x40000, 0x40000)
memset(0x200008, 0xff, 8)
alloc_bootmem_low_pages_node(0, 0x1000)
alloc_bootmem_pages_node(0, 0x1000)
__alloc_bootmem_low_node(0, 0x1000, 0x1000, 0)
# expect 2.4.0: bug mm/bootmem.c:219 at line 18
# expect 2.4.22: printk "bootmem alloc of 4096 bytes failed!" at line 18
# expect 2.4.22: panic "Out of memory" at line 18
# expect 2.6.12..2.6.15: line 18 = 0x40000
# expect 2.6.12..2.6.15: line 19 = 0x41000
# expect 2.6.12..2.6.15: unavailable __alloc_bootmem_low_node at line 20
# expect 2.6.16: line 18 = NULL
# expect 2.6.16: line 19 = 0x40000
# expect 2.6.16: line 20 = NULL
# 2.4.4 and 2.4.5: NULL, then BUG() in __alloc_bootmem_node (bootmem.c:336 and 347);
#   2.4.10 to 2.4.22 print and panic (linux-history 2.4.9.12).
# expect 2.4.10..2.4.22: printk "bootmem alloc of 4096 bytes failed!" at line 18
# expect 2.4.10..2.4.22: panic "Out of memory" at line 18
# expect 2.4.4: bug mm/bootmem.c:336 at line 18
# expect 2.4.5: bug mm/bootmem.c:347 at line 18
# expect 2.5.68..2.5.75: printk "bootmem alloc of 4096 bytes failed!" at line 18
# expect 2.5.68..2.5.75: panic "Out of memory" at line 18
# expect 2.4.22..2.6.7: printk "bootmem alloc of 4096 bytes failed!" at line 18
# expect 2.4.22..2.6.7: panic "Out of memory" at line 18
# expect 2.6.8..2.6.15: line 18 = 0x40000
# expect 2.6.8..2.6.15: line 19 = 0x41000
# expect 2.6.8..2.6.15: unavailable __alloc_bootmem_low_node at line 20
