# An allocation of zero bytes.
# 2.4.22: BUG() at bootmem.c:154. 2.6.0 to 2.6.6: printk "__alloc_bootmem_core():
#   zero-sized request", a stack dump and BUG() (2.6.0: 153); 2.6.7 on (bc39e03b) without
#   the stack dump: 151 in 2.6.7, 157 in 2.6.11 and 2.6.12.
init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
alloc_bootmem(0)
# 2.5.68 to 2.5.70: BUG_ON at bootmem.c:154. 906b9f69 (2.5.71) brought the printk,
# followed by dump_stack(), which the trace cannot show (the machine has no kernel
# stack), and BUG() at bootmem.c:157 (2.5.75: 153). 2.6.7 dropped the dump_stack().

# expect 2.4.22: bug mm/bootmem.c:154 at line 7
# expect 2.6.0..2.6.12: printk "__alloc_bootmem_core(): zero-sized request" at line 7
# expect 2.6.0: bug mm/bootmem.c:153 at line 7
# expect 2.6.4: bug mm/bootmem.c:156 at line 7
# expect 2.6.7: bug mm/bootmem.c:151 at line 7
# expect 2.6.8..2.6.10: bug mm/bootmem.c:156 at line 7
# expect 2.6.11: bug mm/bootmem.c:157 at line 7
# expect 2.6.12: bug mm/bootmem.c:157 at line 7
# expect 2.5.68: bug mm/bootmem.c:154 at line 7
# expect 2.5.71, 2.5.75: printk "__alloc_bootmem_core(): zero-sized request" at line 7
# expect 2.5.71: bug mm/bootmem.c:157 at line 7
# expect 2.5.75: bug mm/bootmem.c:153 at line 7
