# free_bootmem_core() lowers last_success by comparing the freed *physical* address with
# the hint, a byte offset from the node start (79e626e1, 2.5.68; bootmem.c
# 2.5.68:118-119), and stores the physical address as the new offset. On a node that
# starts at 1 MiB, freeing the page at 0x180000 (offset 0x80000) below the hint 0x200000
# sets the hint to 0x180000, which stands for the page at 0x280000.
# 2.4.22: no hint; the last call takes its goal, 0x100000.
# 2.5.68 and later: the last call's goal (offset 0) lies below the hint, so the scan
#   starts at offset 0x180000: 0x280000, neither the goal nor the page just freed.
arch x86_64

init_bootmem_node(0, 0x2000, 0x100, 0x500)   # 4 MiB from 1 MiB; bitmap at 32 MiB
free_bootmem_node(0, 0x100000, 0x400000)
reserve_bootmem_node(0, 0x180000, 0x1000)    # one page held by firmware
__alloc_bootmem(0x1000, 0x1000, 0x300000)    # hint: offset 0x200000
free_bootmem_node(0, 0x180000, 0x1000)       # 0x180000 < 0x200000: hint = 0x180000
__alloc_bootmem(0x1000, 0x1000, 0x100000)

# expect all: completes
# expect all: line 14 = 0x300000
# expect ..2.4.22: line 16 = 0x100000
# expect 2.5.68..: line 16 = 0x280000
