#!/bin/sh
# Starts a KRaft broker configured from the environment:
#   KAFKA_NODE_ID                      node id (default 1)
#   KAFKA_PROCESS_ROLES                broker,controller (default), broker or controller
#   KAFKA_CONTROLLER_QUORUM_VOTERS     id@host:port,... for a static quorum; when unset, a single node that
#                                      is its own controller (formatted --standalone)
#   KAFKA_LISTENERS                    default PLAINTEXT://:9092,CONTROLLER://:9093
#   KAFKA_ADVERTISED_LISTENERS         default PLAINTEXT://<hostname>:9092
#   KAFKA_CLUSTER_ID                   the same on every node of a cluster (a fixed default for one node)
#   KAFKA_HEAP_OPTS, KAFKA_OPTS        JVM options
# Any other KAFKA_SOME_NAME=value becomes the broker property some.name=value ("__" stands for "_",
# "___" for "-"), e.g. KAFKA_MIN_INSYNC_REPLICAS=2, KAFKA_DEFAULT_REPLICATION_FACTOR=3.
set -eu

: "${KAFKA_NODE_ID:=1}"
: "${KAFKA_PROCESS_ROLES:=broker,controller}"
: "${KAFKA_LISTENERS:=PLAINTEXT://:9092,CONTROLLER://:9093}"
: "${KAFKA_ADVERTISED_LISTENERS:=PLAINTEXT://$(hostname):9092}"
: "${KAFKA_CONTROLLER_LISTENER_NAMES:=CONTROLLER}"
: "${KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT}"
: "${KAFKA_CLUSTER_ID:=bmlhbmJhby1rYWZrYS0x}"
: "${KAFKA_DATA_DIR:=/var/lib/kafka/data}"
: "${KAFKA_HEAP_OPTS:=-Xmx512m}"
: "${KAFKA_OPTS:=}"
export KAFKA_NODE_ID KAFKA_PROCESS_ROLES KAFKA_LISTENERS KAFKA_ADVERTISED_LISTENERS \
  KAFKA_CONTROLLER_LISTENER_NAMES KAFKA_LISTENER_SECURITY_PROTOCOL_MAP

config=/opt/kafka/config/server.properties
log4j=/opt/kafka/config/log4j2.properties
case "$KAFKA_PROCESS_ROLES" in *broker*) is_broker=1 ;; *) is_broker=0 ;; esac

{
  echo "log.dirs=$KAFKA_DATA_DIR"
  if [ -z "${KAFKA_CONTROLLER_QUORUM_VOTERS:-}" ] && [ -z "${KAFKA_CONTROLLER_QUORUM_BOOTSTRAP_SERVERS:-}" ]; then
    echo "controller.quorum.bootstrap.servers=localhost:9093"
  fi
  if [ "$is_broker" = 1 ] && [ -z "${KAFKA_INTER_BROKER_LISTENER_NAME:-}" ]; then echo "inter.broker.listener.name=PLAINTEXT"; fi
  echo "group.initial.rebalance.delay.ms=0"
  # every KAFKA_* variable but the ones the script itself reads
  env | grep '^KAFKA_' | grep -v -E '^KAFKA_(CLUSTER_ID|DATA_DIR|HEAP_OPTS|OPTS|HEALTHCHECK_PORT)=' | while IFS= read -r line; do
    name="${line%%=*}"; value="${line#*=}"
    key="$(printf '%s' "${name#KAFKA_}" | tr 'A-Z' 'a-z' | sed -e 's/___/-/g' -e 's/__/@/g' -e 's/_/./g' -e 's/@/_/g')"
    echo "$key=$value"
  done
} >"$config"

cat >"$log4j" <<'LOG'
shutdownHook = disable
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = out
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
LOG

cp="/opt/kafka/libs/*"
if [ ! -f "$KAFKA_DATA_DIR/meta.properties" ]; then
  if [ -z "${KAFKA_CONTROLLER_QUORUM_VOTERS:-}" ] && [ -z "${KAFKA_CONTROLLER_QUORUM_BOOTSTRAP_SERVERS:-}" ]; then
    java -Dlog4j2.configurationFile="$log4j" -cp "$cp" kafka.tools.StorageTool format --standalone -t "$KAFKA_CLUSTER_ID" -c "$config"
  else
    java -Dlog4j2.configurationFile="$log4j" -cp "$cp" kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$config"
  fi
fi
# shellcheck disable=SC2086
exec java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError $KAFKA_OPTS \
  -Dlog4j2.configurationFile="$log4j" -cp "$cp" kafka.Kafka "$config"
