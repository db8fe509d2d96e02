/*
 * The floor for the Postfix figure of run-policy.sh: a policy server that does no work. It
 * answers every request (up to its empty line) with DUNNO from one thread per connection, so
 * that what Postfix loses with it is what delegating to any policy server costs Postfix itself.
 * Usage: null-policy PORT   (listens on 127.0.0.1)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void *serve(void *arg) {
    int fd = (int) (long) arg;
    char buf[8192];
    int newlines = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            newlines = buf[i] == '\n' ? newlines + 1 : 0;
            if (newlines == 2) {
                newlines = 0;
                if (write(fd, "action=DUNNO\n\n", 14) != 14) {
                    close(fd);
                    return NULL;
                }
            }
        }
    }
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: null-policy PORT\n");
        return 2;
    }
    int server = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short) atoi(argv[1]));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(server, (struct sockaddr *) &address, sizeof address) != 0 || listen(server, 128) != 0) {
        perror("null-policy");
        return 1;
    }
    for (;;) {
        int client = accept(server, NULL, NULL);
        if (client < 0) {
            continue;
        }
        setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        pthread_t thread;
        if (pthread_create(&thread, NULL, serve, (void *) (long) client) != 0) {
            close(client);
            continue;
        }
        pthread_detach(thread);
    }
}
