# __alloc_bootmem_node on a full node, with three nodes initialised in the order 1, 2, 0,
# so pgdat_list is 0 -> 2 -> 1.
# 2.4.22 to 2.5.75: no fallback: "bootmem alloc of 8192 bytes failed!" and panic "Out of memory".
# 2.6.12: the node fails, then __alloc_bootmem walks pgdat_list: node 0 again, then
#   node 2, the last initialised of the others, which has room.
arch x86_64

init_bootmem_node(1, 0x301, 0x100, 0x200)
init_bootmem_node(2, 0x302, 0x200, 0x300)
init_bootmem_node(0, 0x300, 0x0, 0x100)
free_bootmem_node(1, 0x100000, 0x100000)
free_bootmem_node(2, 0x200000, 0x100000)
__alloc_bootmem_node(0, 0x2000, 0x1000, 0)
# expect 2.4.22: printk "bootmem alloc of 8192 bytes failed!" at line 13
# expect 2.4.22: panic "Out of memory" at line 13
# expect 2.6.12..: completes
# 2.4.0: the failed scan falls into found: and BUGs at bootmem.c:219. 2.4.4 and 2.4.5:
#   NULL, then BUG() in __alloc_bootmem_node (bootmem.c:336 and 347). 2.4.10 to
#   2.4.22: the printk and panic (linux-history 2.4.9.12).
# expect 2.4.10..2.4.22: printk "bootmem alloc of 8192 bytes failed!" at line 13
# expect 2.4.10..2.4.22: panic "Out of memory" at line 13
# expect 2.4.0: bug mm/bootmem.c:219 at line 13
# expect 2.4.4: bug mm/bootmem.c:336 at line 13
# expect 2.4.5: bug mm/bootmem.c:347 at line 13
# expect 2.5.68..2.5.75: printk "bootmem alloc of 8192 bytes failed!" at line 13
# expect 2.5.68..2.5.75: panic "Out of memory" at line 13
# expect 2.4.22..2.6.7: printk "bootmem alloc of 8192 bytes failed!" at line 13
# expect 2.4.22..2.6.7: panic "Out of memory" at line 13
# expect 2.6.8..: completes
# expect 2.6.8..: line 13 = 0x200000
