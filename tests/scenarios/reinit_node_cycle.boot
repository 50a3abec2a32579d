# init_bootmem_node() on a node that is already in pgdat_list links the node to itself:
# pgdat_next = pgdat_list, which is the node. Node 1 drops out of the list, and an
# allocation larger than node 0 walks the one-node cycle for ever: a hang in
# __alloc_bootmem, in both releases. (The second init also refills node 0's bitmap with
# ones, so node 0's free pages are lost too.)
arch x86_64

init_bootmem_node(1, 0x301, 0x100, 0x200)
init_bootmem_node(0, 0x300, 0x0, 0x100)
free_bootmem_node(1, 0x100000, 0x100000)
free_bootmem_node(0, 0x0, 0x100000)
init_bootmem_node(0, 0x300, 0x0, 0x100)      # again: 0 -> 0 -> 0 ...
free_bootmem_node(0, 0x0, 0x80000)
alloc_bootmem(0x100000)                      # 256 pages: more than node 0 has free
# expect 2.4.22: hang __alloc_bootmem at line 14
# expect 2.6.12: hang __alloc_bootmem at line 14
# 2.4.0 never walks the cycle: node 0's failed scan falls into found: and BUGs at
#   bootmem.c:219. From 2.4.4 on, node 0 returns NULL and the walk begins.
# expect 2.4.4..2.4.22: hang __alloc_bootmem at line 14
# expect 2.4.0: bug mm/bootmem.c:219 at line 14
# expect 2.5.68..2.5.75: hang __alloc_bootmem at line 14
# expect 2.6.0..2.6.12: hang __alloc_bootmem at line 14
