# A request one page larger than a node whose pages are all free.
# 2.4.0: no candidate fits (the run reaches eidx), and the failed scan falls into
#   found: with start 0 (bootmem.c:175-179): the "allocation" succeeds at 0x0, sets the
#   64 bits of the node and bit 64, the first bit past its 8-byte bitmap, which reads
#   as 0 (bootmem.c:217-219), zeroes 0x41000 bytes from 0x0, and leaves last_pos at 64,
#   a page outside the node. free_all_bootmem_node() then hands over only the bitmap's
#   page, 0x100.
# 2.4.22: NULL, then "bootmem alloc of 266240 bytes failed!" and panic
#   "Out of memory".
# 2.6.12 to 2.6.16: NULL, then the fallback to __alloc_bootmem, NULL again from node 0
#   and from node 1 (all reserved), and the same printk and panic.
arch x86_64

init_bootmem_node(1, 0x101, 0x100, 0x140)    # node 1 holds both bitmaps
init_bootmem_node(0, 0x100, 0x0, 0x40)       # 64 pages; bitmap at pfn 0x100, in node 1
free_bootmem_node(0, 0x0, 0x40000)           # every page free
__alloc_bootmem_node(0, 0x41000, 0x1000, 0)  # 65 pages
free_all_bootmem_node(0)

# 2.4.4 and 2.4.5: NULL, and __alloc_bootmem_node BUGs (bootmem.c:336 and 347);
#   2.4.10 brings the printk and panic (linux-history 2.4.9.12).

# expect 2.4.0: line 17 = 0x0
# expect 2.4.0: line 18 = 1
# expect 2.4.10..: printk "bootmem alloc of 266240 bytes failed!" at line 17
# expect 2.4.10..: panic "Out of memory" at line 17
# expect 2.4.4: bug mm/bootmem.c:336 at line 17
# expect 2.4.5: bug mm/bootmem.c:347 at line 17
