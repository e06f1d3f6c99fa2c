#!/usr/bin/env bash
# Builds the fuzz seed corpus and key dictionary: make_seeds.sh SOURCE_DIR OUT_DIR GVSIM_BINARY.
# OUT_DIR/seeds gets every YAML file of the repository as an experiment input; experiments that come with their
# own region folder (tests/data/bad cases, bench/) also as one input bundling the experiment, its region files
# (`#@file` sections) and its --set arguments (`#@set` lines), the format tests/fuzz/fuzz_config.cpp reads.
# OUT_DIR/config.dict gets every key name, `key:` form and choice value that `gvsim keys` lists.
set -euo pipefail
src=$1
out=$2
gvsim=$3
rm -rf "$out/seeds"
mkdir -p "$out/seeds"
n=0
add() {  # add FILE...: concatenated into one seed
  n=$((n + 1))
  cat "$@" > "$out/seeds/$(printf 'seed_%04d' "$n")"
}
while IFS= read -r -d '' file; do
  add "$file"
done < <(find "$src/experiments" "$src/regions" "$src/bench" "$src/tests/data/bad" -name '*.yaml' -print0 | sort -z)

bundle() {  # bundle EXPERIMENT REGIONS_FOLDER_NAME [ARGS_FILE]
  local experiment=$1 folder=$2 args=${3:-}
  local dir
  dir=$(dirname "$experiment")
  {
    cat "$experiment"
    printf '\n'
    if [ -n "$args" ] && [ -f "$args" ]; then
      grep -v '^--set$' "$args" | sed 's/^/#@set /' || true
    fi
    for region in "$dir/$folder"/*.yaml; do
      [ -f "$region" ] || continue
      printf '#@file %s/%s\n' "$folder" "$(basename "$region")"
      cat "$region"
      printf '\n'
    done
  } > "$out/seeds/$(printf 'bundle_%04d' "$n")"
  n=$((n + 1))
}
for case_dir in "$src"/tests/data/bad/*/; do
  if [ -d "$case_dir/regions" ] || [ -f "$case_dir/args.txt" ]; then
    bundle "$case_dir/experiment.yaml" regions "$case_dir/args.txt"
  fi
done
bundle "$src/bench/canonical_jobs.yaml" regions
bundle "$src/bench/users_scaling.yaml" users_regions

# Dictionary: libFuzzer's format, one quoted token a line.
"$gvsim" keys | awk -F'|' '/^\| `/ {
    key = $2; gsub(/[ `]/, "", key); gsub(/\[\]/, "", key)
    n = split(key, parts, ".")
    for (i = 1; i <= n; i++) if (parts[i] != "<name>") { print "\"" parts[i] "\""; print "\"" parts[i] ": \"" }
    type = $3
    if (type ~ /one of /) {
      sub(/.*one of /, "", type); gsub(/ /, "", type)
      m = split(type, choices, ",")
      for (j = 1; j <= m; j++) print "\"" choices[j] "\""
    }
  }' | sort -u > "$out/config.dict"
echo "fuzz seeds: $(find "$out/seeds" -type f | wc -l) inputs in $out/seeds; dictionary: $(wc -l < "$out/config.dict") tokens in $out/config.dict"
