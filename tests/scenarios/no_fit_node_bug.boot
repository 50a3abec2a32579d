# __alloc_bootmem_node() for four pages on a node whose only free run is two pages,
# with page 0 reserved; node 1 has room.
# 2.4.0: the failed scan falls into found: with start 0 (bootmem.c:175-179), and the
#   first test_and_set_bit() finds page 0 reserved: BUG at bootmem.c:219, with
#   last_pos already set to 3. The BUG() that ends __alloc_bootmem_node
#   (bootmem.c:334) is never reached.
# 2.4.22 to 2.5.75: NULL, then "bootmem alloc of 16384 bytes failed!" and panic "Out of memory"
#   (bootmem.c:355-356, linux-history 2.4.9.12).
# 2.6.12 to 2.6.16: the node fails and __alloc_bootmem_node falls back to
#   __alloc_bootmem, which walks pgdat_list (node 0 again, then node 1): 0x40000.
arch x86_64

init_bootmem_node(1, 0x201, 0x40, 0x80)
init_bootmem_node(0, 0x200, 0x0, 0x40)
free_bootmem_node(1, 0x40000, 0x40000)
free_bootmem_node(0, 0x10000, 0x2000)        # node 0: pages 16-17 only
__alloc_bootmem_node(0, 0x4000, 0x1000, 0)
# expect 2.4.0: bug mm/bootmem.c:219 at line 17
# expect 2.4.22: printk "bootmem alloc of 16384 bytes failed!" at line 17
# expect 2.4.22: panic "Out of memory" at line 17
# expect 2.6.12..: line 17 = 0x40000
# 2.4.4 and 2.4.5: NULL, and the BUG() that ends __alloc_bootmem_node is reached
#   (bootmem.c:336 and 347); 2.4.10 to 2.4.22 print and panic.
# expect 2.4.10..2.4.22: printk "bootmem alloc of 16384 bytes failed!" at line 17
# expect 2.4.10..2.4.22: panic "Out of memory" at line 17
# expect 2.4.4: bug mm/bootmem.c:336 at line 17
# expect 2.4.5: bug mm/bootmem.c:347 at line 17
# expect 2.5.68..2.5.75: printk "bootmem alloc of 16384 bytes failed!" at line 17
# expect 2.5.68..2.5.75: panic "Out of memory" at line 17
# expect 2.4.22..2.6.7: printk "bootmem alloc of 16384 bytes failed!" at line 17
# expect 2.4.22..2.6.7: panic "Out of memory" at line 17
# expect 2.6.8..: line 17 = 0x40000
