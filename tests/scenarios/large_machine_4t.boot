# A 4 TiB x86_64 node: 2^30 page frames of 4 KiB, the largest machine the simulator
# takes. Its bitmap is 128 MiB of ones at 16 MiB; freeing the whole node clears 2^30
# bits, and the hand-off gives every free frame back: one frame at a time up to 2.6.8,
# whole words of 64 frames (order 6) from 2.6.9 on, the bitmap's own pages last. The
# simulator keeps runs of equal state, so this runs in a few hundredths of a second.
arch x86_64

init_bootmem_node(0, 0x1000, 0x0, 0x40000000)
free_bootmem_node(0, 0x0, 0x40000000000)
reserve_bootmem_node(0, 0x0, 0x1000000)                    # the low 16 MiB
reserve_bootmem_node(0, 0x1000000, 0x8000000)              # the bitmap
__alloc_bootmem_node(0, 0x1000, 0x1000, 0x0)
__alloc_bootmem_node(0, 100, 0, 0)
__alloc_bootmem_node(0, 0x200000, 0x200000, 0x100000000)  # 2 MiB at 4 GiB
free_all_bootmem_node(0)

# expect all: line 12 = 0x9000000
# expect all: line 14 = 0x100000000
# expect all: line 15 = 1073737214
# expect all: completes
