# The last_success hint (79e626e1, 2.5.68): goal 512 KiB, then goal 256 KiB.
# 2.4.22: each allocation starts at its goal: 0x80000, then 0x40000.
# 2.5.68 to 2.6.12 (2.6.12's lines): the second scan starts at last_success (0x80000) because it lies above the
#   goal (bootmem.c:176-177): 0x80000, then 0x81000. Freeing the first page moves the
#   hint back (bootmem.c:119-120), so the third allocation reuses 0x80000; 2.4.22 gives
#   0x41000.
arch x86_64

init_bootmem_node(0, 0x400, 0x0, 0x400)
free_bootmem_node(0, 0x0, 0x400000)
__alloc_bootmem(0x1000, 0x1000, 0x80000)
__alloc_bootmem(0x1000, 0x1000, 0x40000)
free_bootmem(0x80000, 0x1000)
__alloc_bootmem(0x1000, 0x1000, 0x40000)
# expect 2.4.22: line 11 = 0x80000
# expect 2.4.22: line 12 = 0x40000
# expect 2.4.22: line 14 = 0x41000
# expect 2.6.12: line 11 = 0x80000
# expect 2.6.12: line 12 = 0x81000
# expect 2.6.12: line 14 = 0x80000
# expect 2.5.68..2.5.75: line 11 = 0x80000
# expect 2.5.68..2.5.75: line 12 = 0x81000
# expect 2.5.68..2.5.75: line 14 = 0x80000
# expect 2.6.0..2.6.12: line 11 = 0x80000
# expect 2.6.0..2.6.12: line 12 = 0x81000
# expect 2.6.0..2.6.12: line 14 = 0x80000
