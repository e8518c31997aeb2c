#!/usr/bin/env bash
# Reproduces H2's crash-unsafety with a spatial (R-tree) index, outside zoneplan: a writer commits
# rows into a table with a SPATIAL INDEX, is killed with SIGKILL after 1–3 s, and a checker reopens
# the file. Usage (from the project root):
#   mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
#   bash bench/h2-crash/run.sh ";WRITE_DELAY=0" 10      # H2 URL settings, runs
# Measured here (H2 2.4.240; 2.2.224 and 2.3.232 alike): default settings 9 of 10 files could not be
# reopened ("ValueDataType cannot be cast to SpatialDataType"); WRITE_DELAY=0 3–4 of 10; without
# the spatial index (NOIDX=1) 0 of 10, but the default WRITE_DELAY lost acknowledged commits.
set -u
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
javac -cp "$(cat target/cp.txt)" -d "$work" bench/h2-crash/Writer.java bench/h2-crash/Checker.java
CP="$(cat target/cp.txt):$work"
suffix="${1:-}"; n="${2:-10}"; fails=0; lost=0
for i in $(seq 1 "$n"); do
  dir=$(mktemp -d); url="jdbc:h2:file:$dir/db;DB_CLOSE_ON_EXIT=FALSE$suffix"
  java -cp "$CP" Writer "$url" > "$dir/out.txt" 2>&1 &
  pid=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(1.0, 3.0), 2))')"
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  last=$(grep committed "$dir/out.txt" | tail -1 | awk '{print $2}')
  res=$(java -cp "$CP" Checker "$url" 2>&1 | grep -E '^ok|SpatialDataType|Exception' | head -1)
  case "$res" in
    ok*) got=$(echo "$res" | awk '{print $3}'); [ "${got:-0}" -lt "${last:-0}" ] && lost=$((lost+1))
         echo "run $i: committed=${last:-0} found=$got";;
    *) fails=$((fails+1)); echo "run $i: cannot reopen: $(echo "$res" | cut -c1-160)";;
  esac
  rm -rf "$dir"
done
rm -rf "$work"
echo "SUMMARY settings=[$suffix] runs=$n cannotReopen=$fails lostCommits=$lost"
