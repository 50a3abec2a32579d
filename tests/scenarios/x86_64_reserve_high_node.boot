# x86_64, a reserve wholly below a node that starts at 4 GiB: node 1 spans pfns
# 0x100000-0x13ffff with its bitmap at 4 GiB, and the reserve is page 0. Both indexes
# wrap: sidx = 2^52 - 2^20, eidx = sidx + 1, and no release's checks catch it (2.4.0
# has none; 2.4.22 bootmem.c:91-97, 2.6.12 :91-94 and 2.6.16 :99-102 all pass).
# The loop sets bit sidx, and how the arch takes a bit number decides where:
# - 2.6 (x86_64 `btsl`, an `int` bit number from 2.5.5): sidx is the int -2^20, the
#   byte 128 KiB below the bitmap, physical 0xfffe0000. Nothing maps that gigabyte
#   (the machine's RAM is 0-16 MiB and 4-5 GiB, and x86_64 maps physical memory a
#   gigabyte at a time): the boot oopses there.
# - 2.4 (x86_64 `btsq`, a `long`): the byte 2^49 - 2^17 past the bitmap, far above the
#   top of RAM: an oops as well, at another address.
arch x86_64

init_bootmem_node(0, 0x800, 0x0, 0x1000)            # bitmap at 8 MiB
init_bootmem_node(1, 0x100000, 0x100000, 0x140000)  # bitmap at 4 GiB, 32 KiB
free_bootmem_node(1, 0x100100000, 0x100000)
reserve_bootmem_node(1, 0x0, 0x1000)
free_all_bootmem_node(1)

# expect all: oops at line 17
