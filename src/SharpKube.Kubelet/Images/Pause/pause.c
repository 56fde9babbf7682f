/*
 * SharpKube's pause program: the first process of every pod sandbox.
 *
 * It holds the sandbox's namespaces open while the pod's containers come and go. When the pod shares one PID
 * namespace it is that namespace's init, so orphaned processes are re-parented to it and it must reap them, or they
 * would stay zombies until the pod is deleted. SIGTERM and SIGINT end it cleanly (exit code 0), which is how the
 * runtime stops a sandbox. As PID 1 the kernel drops signals without a handler, so both are handled explicitly.
 *
 * Built with `gcc -static -Os -s` so the image needs no libc and holds a single file.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_stop(int signo)
{
    (void)signo;
    _exit(0);
}

static void on_child(int signo)
{
    (void)signo;
    /* One SIGCHLD may stand for several exits (signals do not queue): reap until none is left. */
    int saved_errno = errno;
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
    errno = saved_errno;
}

static int handle(int signo, void (*handler)(int), int flags)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_flags = flags;
    sigfillset(&action.sa_mask);
    return sigaction(signo, &action, NULL);
}

int main(void)
{
    if (handle(SIGTERM, on_stop, 0) != 0 || handle(SIGINT, on_stop, 0) != 0
        || handle(SIGCHLD, on_child, SA_NOCLDSTOP | SA_RESTART) != 0) {
        static const char message[] = "pause: cannot install signal handlers\n";
        (void)!write(STDERR_FILENO, message, sizeof message - 1);
        return 1;
    }

    /* Children that exited before the handler was installed are reaped here; later ones through SIGCHLD. */
    on_child(SIGCHLD);
    for (;;) {
        pause();
    }
}
