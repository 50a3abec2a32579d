# CONFIG_DISCONTIGMEM, from 2.5.42 (4b4b90a7f8): bootmem.c no longer builds the four
# wrappers on contig_page_data (init_bootmem, reserve_bootmem, free_bootmem,
# free_all_bootmem); bootmem.h still declares them, so a kernel calling one does not
# link. x86_64's defconfig sets the option from 2.5.70 and uses the node calls.
# 2.5.1 to 2.5.41: the wrappers are there; the boot completes.
# 2.5.42 to 2.5.67: init_bootmem is unavailable.
arch x86_64
config CONFIG_DISCONTIGMEM=y

init_bootmem(0x100, 0x400)
free_bootmem(0x0, 0x100000)
alloc_bootmem(0x1000)
free_all_bootmem()

# expect 2.5.1..2.5.37: completes
# expect 2.5.42..2.5.52: unavailable init_bootmem at line 10
