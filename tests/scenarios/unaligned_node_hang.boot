# Align larger than a page on a node whose start is not a multiple of align, and
# nothing fits there.
# 2.4.22: the failed scan restarts from preferred = offset (bootmem.c:195-198), and
#   since offset is not zero it restarts for ever: a hang in __alloc_bootmem_core.
# 2.6.12: the restart needs preferred > offset (bootmem.c:205), so the second scan
#   returns NULL and __alloc_bootmem goes on to node 0, which has room.
arch x86_64

init_bootmem_node(0, 0x300, 0x0, 0x100)      # node 0: pfns 0-0xff, bitmap outside
init_bootmem_node(1, 0x301, 0x101, 0x141)    # node 1 starts at pfn 0x101: not 16 KiB aligned
free_bootmem_node(0, 0x0, 0x100000)
# node 1 stays fully reserved, so no 16 KiB-aligned pair of pages is free there.
__alloc_bootmem(0x2000, 0x4000, 0)
# expect 2.4.22: hang __alloc_bootmem_core at line 13
# expect 2.6.12: line 13 = 0x0
# 2.4.0: node 1's failed scan falls into found: and BUGs at bootmem.c:219. 2.4.4 to
#   2.4.10: no offset; the restart from 0 fails too, node 1 returns NULL and node 0
#   answers 0x0.
# expect 2.4.17..2.4.22: hang __alloc_bootmem_core at line 13
# expect 2.4.0: bug mm/bootmem.c:219 at line 13
# expect 2.4.4..2.4.10: line 13 = 0x0
# expect 2.5.1: line 13 = 0x0
# expect 2.5.2..2.5.52: hang __alloc_bootmem_core at line 13
# 2.5.68 to 2.5.74 still restart `if (preferred)` (bootmem.c 2.5.68:201-204) and hang
# as 2.4.22 does; 1c630a8d (2.5.75) brought the `preferred > offset` of 2.6.12.
# expect 2.5.68..2.5.71: hang __alloc_bootmem_core at line 13
# expect 2.5.75: line 13 = 0x0
# expect 2.6.0..2.6.12: line 13 = 0x0
