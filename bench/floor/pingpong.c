// Loopback request/response floor: no JVM, no HTTP/2, no gRPC (bench/run-loopback-floor.sh).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MSG 64

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Moves exactly n bytes (a short read or write is continued); -1 when the connection ends or fails. */
static int transfer_full(int fd, char *buf, int n, int writing) {
    int done = 0;
    while (done < n) {
        ssize_t r = writing ? write(fd, buf + done, n - done) : read(fd, buf + done, n - done);
        if (r <= 0) return -1;
        done += (int)r;
    }
    return 0;
}

static void nodelay(int fd) {
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int serve(int port) {
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 1)) { perror("bind/listen"); return 1; }
    int fd = accept(ls, NULL, NULL);
    nodelay(fd);
    char buf[MSG];
    while (transfer_full(fd, buf, MSG, 0) == 0)
        if (transfer_full(fd, buf, MSG, 1)) break;
    return 0;
}

struct run { int fd; long total; long warm; int64_t *lat; };

static void *receive(void *p) {
    struct run *r = p;
    char buf[MSG];
    for (long i = 0; i < r->total; i++) {
        if (transfer_full(r->fd, buf, MSG, 0)) { fprintf(stderr, "connection closed\n"); exit(1); }
        int64_t sent;
        memcpy(&sent, buf, sizeof sent);
        r->lat[i] = now_ns() - sent;
    }
    return NULL;
}

static int cmp(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int client(int port, int rate, int secs) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; connect(fd, (struct sockaddr *)&a, sizeof a); i++) {
        if (i > 100) { perror("connect"); return 1; }
        usleep(20000);
        close(fd);
        fd = socket(AF_INET, SOCK_STREAM, 0);
    }
    nodelay(fd);
    struct run r = {.fd = fd, .total = (long)rate * (secs + 1), .warm = rate};
    r.lat = calloc(r.total, sizeof(int64_t));
    pthread_t t;
    pthread_create(&t, NULL, receive, &r);
    int64_t interval = 1000000000LL / rate, start = now_ns() + 10000000LL;
    char buf[MSG] = {0};
    for (long i = 0; i < r.total; i++) {
        // Open loop: the latency counts from the intended send time, so a late sender is counted too.
        int64_t due = start + i * interval;
        struct timespec ts = {.tv_sec = due / 1000000000LL, .tv_nsec = due % 1000000000LL};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
        memcpy(buf, &due, sizeof due);
        if (transfer_full(fd, buf, MSG, 1)) { perror("write"); return 1; }
    }
    pthread_join(t, NULL);
    long n = r.total - r.warm;
    int64_t *m = r.lat + r.warm;
    qsort(m, n, sizeof *m, cmp);
    long over1 = 0;
    for (long i = 0; i < n; i++) over1 += m[i] > 1000000;
    printf("rate=%d/s calls=%ld p50=%.3fms p99=%.3fms p999=%.3fms max=%.3fms over1ms=%.2f%%\n", rate, n,
           m[n / 2] / 1e6, m[n * 99 / 100] / 1e6, m[n * 999 / 1000] / 1e6, m[n - 1] / 1e6, 100.0 * over1 / n);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && !strcmp(argv[1], "serve")) return serve(atoi(argv[2]));
    if (argc >= 5 && !strcmp(argv[1], "call")) return client(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
    fprintf(stderr, "usage: pingpong serve PORT | pingpong call PORT RATE SECS\n");
    return 2;
}
