#!/usr/bin/env bash
# Builds nianbao's container images: the four services, a KRaft Kafka broker and Apicurio Registry.
#
#   deploy/local/images.sh            (what ./nianbao images runs)
#
# - Docker engine: uses the one running; else starts dockerd (installing Debian's docker.io with apt on
#   Debian when it is missing) and stops it again, by its PID, when done. NIANBAO_KEEP_ENGINE=1 leaves it
#   running and writes its PID to $WORK/dockerd.pid (the system tests stop it themselves).
# - Base image: NIANBAO_BASE_IMAGE when set; else the public eclipse-temurin:21-jre when it can be pulled;
#   else one built here: a Debian bookworm minbase root file system (debootstrap) with curl and a JRE
#   jlinked from the build's JDK, imported with `docker import` as nianbao/base-jre:bookworm.
# - Jars: builds the services and fetches the broker and registry runtime (./mvnw package) when missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${NIANBAO_IMAGES_WORK:-$ROOT/deploy/local/target/images}"
VERSION="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -n 1)"
TAG="${NIANBAO_IMAGE_TAG:-$VERSION}"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
PUBLIC_BASE="eclipse-temurin:21-jre"
LOCAL_BASE="nianbao/base-jre:bookworm"
SERVICES=(ingest parse validate aggregate)
# the JRE's modules: what the services, Kafka and the registry use (jdk.charsets: GB18030, GBK, Big5)
JRE_MODULES="java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs"

say() { printf 'images: %s\n' "$*"; }
die() { printf 'images: %s\n' "$*" >&2; exit 1; }

mkdir -p "$WORK"
STARTED_DOCKERD=""

stop_engine() {
  if [ -n "$STARTED_DOCKERD" ] && [ "${NIANBAO_KEEP_ENGINE:-}" != "1" ]; then
    kill -TERM "$STARTED_DOCKERD" 2>/dev/null || true
    local i
    for ((i = 0; i < 60; i++)); do kill -0 "$STARTED_DOCKERD" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$STARTED_DOCKERD" 2>/dev/null && kill -KILL "$STARTED_DOCKERD" 2>/dev/null || true
    say "stopped the Docker engine it started (pid $STARTED_DOCKERD)"
    rm -f "$WORK/dockerd.pid"
  fi
}
trap stop_engine EXIT

ensure_engine() {
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then return 0; fi
  if ! command -v dockerd >/dev/null 2>&1; then
    if [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
      [ "$(id -u)" = 0 ] || die "installing docker.io needs root: run 'sudo apt-get install docker.io' once, then again"
      say "installing Debian's docker.io (once)…"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io; } >"$WORK/apt.log" 2>&1 \
        || { tail -n 5 "$WORK/apt.log" >&2; die "apt-get install docker.io failed (log: $WORK/apt.log)"; }
    else
      die "no Docker engine is running and this is not Debian: install and start Docker (https://docs.docker.com/engine/install/), then run again"
    fi
  fi
  [ "$(id -u)" = 0 ] || die "no Docker engine is running and starting dockerd needs root: start Docker, then run again"
  say "starting a Docker engine (dockerd, log $WORK/dockerd.log)…"
  dockerd >"$WORK/dockerd.log" 2>&1 &
  STARTED_DOCKERD=$!
  echo "$STARTED_DOCKERD" >"$WORK/dockerd.pid"
  local i
  for ((i = 0; i < 120; i++)); do
    docker info >/dev/null 2>&1 && return 0
    kill -0 "$STARTED_DOCKERD" 2>/dev/null || { tail -n 10 "$WORK/dockerd.log" >&2; die "dockerd exited (log: $WORK/dockerd.log)"; }
    sleep 0.5
  done
  die "dockerd did not answer within 60 s (log: $WORK/dockerd.log)"
}

find_jdk() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/*; do
    [ -n "$c" ] && [ -x "$c/bin/jlink" ] || continue
    local v; v="$("$c/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)"
    [ "${v:-0}" -ge 21 ] 2>/dev/null && { echo "$c"; return 0; }
  done
  return 1
}

build_local_base() {
  if docker image inspect "$LOCAL_BASE" >/dev/null 2>&1; then say "base $LOCAL_BASE already built"; return 0; fi
  local jdk; jdk="$(find_jdk)" || die "no JDK 21+ with jlink found (set JAVA_HOME) to make the base image's JRE"
  [ "$(id -u)" = 0 ] || die "building the base image with debootstrap needs root"
  if ! command -v debootstrap >/dev/null 2>&1; then
    [ -f /etc/debian_version ] || die "debootstrap is needed to build the base image here; or set NIANBAO_BASE_IMAGE to a JRE image with curl"
    say "installing debootstrap (once)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >"$WORK/apt.log" 2>&1 || die "apt-get install debootstrap failed (log: $WORK/apt.log)"
  fi
  local rootfs="$WORK/rootfs"
  rm -rf "$rootfs" "$WORK/jre"
  say "building the base image: Debian bookworm minbase + curl (debootstrap, about a minute)…"
  debootstrap --variant=minbase --include=curl,ca-certificates bookworm "$rootfs" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 10 "$WORK/debootstrap.log" >&2; die "debootstrap failed (log: $WORK/debootstrap.log)"; }
  say "jlinking a JRE from $jdk…"
  "$jdk/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$WORK/jre"
  mkdir -p "$rootfs/opt/java"
  mv "$WORK/jre" "$rootfs/opt/java/openjdk"
  # what a container never needs: package caches and lists, documentation, other locales
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/* "$rootfs"/tmp/*
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' - "$LOCAL_BASE" >/dev/null
  rm -rf "$rootfs"
}

choose_base() {
  if [ -n "${NIANBAO_BASE_IMAGE:-}" ]; then BASE="$NIANBAO_BASE_IMAGE"; return 0; fi
  if docker image inspect "$PUBLIC_BASE" >/dev/null 2>&1 || docker pull -q "$PUBLIC_BASE" >/dev/null 2>&1; then
    BASE="$PUBLIC_BASE"
  else
    say "no image registry reachable: building the base here"
    build_local_base
    BASE="$LOCAL_BASE"
  fi
}

ensure_jars() {
  local missing=()
  local s
  for s in "${SERVICES[@]}"; do [ -f "$ROOT/$s-service/target/quarkus-app/quarkus-run.jar" ] || missing+=("$s-service"); done
  [ -f "$ROOT/deploy/local/target/runtime/apicurio/quarkus-run.jar" ] && [ -f "$ROOT/deploy/local/target/runtime/kafka-$KAFKA_VERSION/kafka_2.13-$KAFKA_VERSION.jar" ] \
    || missing+=("deploy/local")
  [ ${#missing[@]} -eq 0 ] && return 0
  say "building $(IFS=,; echo "${missing[*]}") (./mvnw package)…"
  local jdk; jdk="$(find_jdk)" || die "no JDK 21+ found (set JAVA_HOME)"
  (cd "$ROOT" && JAVA_HOME="$jdk" ./mvnw -B -q package -DskipTests -pl "$(IFS=,; echo "${missing[*]}")" -am) >"$WORK/build.log" 2>&1 \
    || { tail -n 20 "$WORK/build.log" >&2; die "the build failed (log: $WORK/build.log)"; }
}

build() { # name context dockerfile [docker build options]
  say "building nianbao/$1:$TAG…"
  DOCKER_BUILDKIT=0 docker build -q --build-arg BASE_IMAGE="$BASE" "${@:4}" -f "$3" -t "nianbao/$1:$TAG" "$2" >"$WORK/build-$1.log" 2>&1 \
    || { tail -n 20 "$WORK/build-$1.log" >&2; die "building nianbao/$1 failed (log: $WORK/build-$1.log)"; }
}

ensure_engine
ensure_jars
choose_base
say "base image: $BASE"
for s in "${SERVICES[@]}"; do build "$s-service" "$ROOT/$s-service" "$ROOT/$s-service/src/main/docker/Dockerfile.jvm"; done
build kafka "$ROOT/deploy/local" "$ROOT/deploy/local/src/main/docker/Dockerfile.kafka" --build-arg KAFKA_VERSION="$KAFKA_VERSION"
build apicurio-registry "$ROOT/deploy/local" "$ROOT/deploy/local/src/main/docker/Dockerfile.registry"
say "built (the base layers are shared between them):"
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E "^(nianbao/|$BASE)" | sort -u | sed 's/^/  /'
