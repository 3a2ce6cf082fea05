package dk.udlaendinge.batch.ops;

import java.util.concurrent.CountDownLatch;

import org.springframework.stereotype.Component;

/**
 * SIGTERM, as the command that keeps running (the daemon) sees it: it ends its wait when
 * given.
 */
@Component
class StopSignal {

    private final CountDownLatch signal = new CountDownLatch(1);

    void give() {
        signal.countDown();
    }

    boolean received() {
        return signal.getCount() == 0;
    }

    void await() throws InterruptedException {
        signal.await();
    }

}
