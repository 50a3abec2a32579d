# free_all_bootmem() drops the bitmap; a second call BUGs on the NULL map (2.4.22
# bootmem.c:252, 2.6.12 bootmem.c:265).
init_bootmem(0xff, 0x100)                    # the bitmap in the node's last page
free_bootmem(0x0, 0x40000)
free_all_bootmem()
free_all_bootmem()

# expect 2.4.22: bug mm/bootmem.c:252 at line 6
# expect 2.6.0: bug mm/bootmem.c:260 at line 6
# expect 2.6.4: bug mm/bootmem.c:263 at line 6
# expect 2.6.7: bug mm/bootmem.c:258 at line 6
# expect 2.6.8: bug mm/bootmem.c:263 at line 6
# expect 2.6.9..2.6.10: bug mm/bootmem.c:264 at line 6
# expect 2.6.11: bug mm/bootmem.c:265 at line 6
# expect 2.6.12: bug mm/bootmem.c:265 at line 6
# expect 2.5.68, 2.5.75: bug mm/bootmem.c:260 at line 6
# expect 2.5.71: bug mm/bootmem.c:264 at line 6
