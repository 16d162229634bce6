#!/bin/bash
# CPU ticks (1/100 s) used so far by a PostgreSQL server and its backends, exited ones included
# (their time is in the postmaster's cutime and cstime once it has reaped them).
# Usage: pg-cpu.sh DATA_DIR
pm=$(head -1 "$1/postmaster.pid")
t=0
for s in /proc/[0-9]*/stat; do
  read -r line 2>/dev/null < "$s" || continue
  set -- ${line##*) }  # fields from the state on: $2 is the parent, $12..$15 utime stime cutime cstime
  pid=${s#/proc/}; pid=${pid%/stat}
  if [ "$pid" = "$pm" ]; then t=$((t + ${12} + ${13} + ${14} + ${15}))
  elif [ "$2" = "$pm" ]; then t=$((t + ${12} + ${13})); fi
done
echo $t
