# The most one few-line file can make a run hold: the largest machine the simulator
# takes (2^25 frames, 128 GiB), its bitmap cleared behind the kernel's back so that
# free_all_bootmem() hands over, and keeps struct page state for, every frame; and
# 192 MiB of memory filled with data.
init_bootmem_node(0, 0x2000000, 0x0, 0x2000000)
memset(0x2000000000, 0, 0x400000)
memset(0x3000000000, 0xff, 0xc000000)
free_all_bootmem()
