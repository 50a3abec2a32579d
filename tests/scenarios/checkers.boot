# What the checkers warn about where the release goes on. Two x86_64 nodes; node 0's
# bitmap lives in node 1's RAM, as NUMA set-up code may place it, and nobody reserves it.
# - line 18: align 0 passes the power-of-two test (0 & (0 - 1) is 0), and the sub-page
#   merge rounds last_offset with ~(align - 1), which is 0: the second block starts at
#   offset 0 of the page the first one is in, on top of it (overlap).
# - line 19: a page allocated on node 1 at its goal is node 0's bitmap; zeroing it marks
#   every page of node 0 free (on_bitmap), as its final map shows.
# - line 20: a sub-page free of memory already free: the release rounds it away and
#   says nothing (free_unreserved).
arch x86_64

init_bootmem_node(1, 0x140, 0x100, 0x200)    # node 1: pfns 0x100-0x200, bitmap at 0x140000
init_bootmem_node(0, 0x180, 0x0, 0x100)      # node 0: pfns 0x0-0x100, bitmap at 0x180000
free_bootmem_node(0, 0x0, 0x100000)
free_bootmem_node(1, 0x100000, 0x100000)
reserve_bootmem_node(1, 0x140000, 0x1000)    # node 1's own bitmap
__alloc_bootmem_node(0, 100, 0x10, 0)
__alloc_bootmem_node(0, 100, 0, 0)
__alloc_bootmem_node(1, 0x1000, 0x1000, 0x180000)
free_bootmem_node(1, 0x1c0000, 0x800)

# expect all: line 17 = 0x0
# expect all: line 18 = 0x0
# expect all: line 19 = 0x180000
