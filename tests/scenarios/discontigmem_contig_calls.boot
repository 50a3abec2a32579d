# CONFIG_DISCONTIGMEM, from 2.5.42 (4b4b90a7f8) to 2.6.9: bootmem.c does not build the
# four wrappers (init_bootmem, reserve_bootmem, free_bootmem, free_all_bootmem); bootmem.h
# still declares them, so a kernel calling one does not link. 2.6.10 (86e060c6) builds
# them again on NODE_DATA(0). x86_64's defconfig sets the option from 2.5.70.
# 2.4.0 to 2.5.37, 2.6.10 on: the wrappers are there; the boot completes.
# 2.5.42 to 2.6.9: init_bootmem is unavailable.
arch x86_64
config CONFIG_DISCONTIGMEM=y

init_bootmem(0x100, 0x400)
free_bootmem(0x0, 0x100000)
alloc_bootmem(0x1000)
free_all_bootmem()

# expect ..2.5.37, 2.6.10..: completes
# expect 2.5.42..2.6.9: unavailable init_bootmem at line 10
