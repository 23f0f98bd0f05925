#!/bin/bash
# Builds the generated grids of ../shared/docs/SUMO.md (see docs/validation.md) reproducibly into OUT (default: out/grids):
# for N in 5 16, a static-programme network (netgenerate), SUMO's own actuated and delay_based
# versions of it (netconvert --tls.default-type), one demand (randomTrips, seed 42) and a sumocfg per
# controller type with the time window 0..END. Usage: make-grids.sh [OUT] [END seconds, default 5400]
set -euo pipefail
OUT=${1:-out/grids}
END=${2:-5400}
export SUMO_HOME=${SUMO_HOME:-/usr/share/sumo}
mkdir -p "$OUT"
cd "$OUT"
# grid size, trip period (randomTrips -p; 3600 s / period = vehicles per hour)
for spec in "5 2.4" "16 0.3"; do
  set -- $spec
  n=$1 period=$2 name=grid$1
  netgenerate --grid --grid.number=$n --grid.length=300 --grid.attach-length=300 \
    --default.lanenumber=2 --tls.guess --tls.default-type static -o $name-static.net.xml >/dev/null
  for type in actuated delay_based; do
    netconvert -s $name-static.net.xml --tls.discard-loaded --tls.guess --tls.default-type $type \
      -o $name-$type.net.xml >/dev/null
  done
  /usr/bin/python3 "$SUMO_HOME/tools/randomTrips.py" -n $name-static.net.xml -b 0 -e 3600 -p $period \
    --fringe-factor 10 --min-distance 600 --seed 42 --validate -o $name.trips.xml -r $name.rou.xml >/dev/null
  for type in static actuated delay_based; do
    cat > $name-$type.sumocfg <<CFG
<configuration>
  <input>
    <net-file value="$name-$type.net.xml"/>
    <route-files value="$name.rou.xml"/>
  </input>
  <time>
    <begin value="0"/>
    <end value="$END"/>
  </time>
</configuration>
CFG
  done
  echo "$OUT/$name: $(grep -c '<vehicle' $name.rou.xml) vehicles, $(grep -c '<tlLogic' $name-static.net.xml) lights"
done
