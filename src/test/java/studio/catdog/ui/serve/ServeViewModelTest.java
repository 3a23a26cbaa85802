package studio.catdog.ui.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.service.ModelService;
import studio.catdog.serve.ServeFixture;
import studio.catdog.ui.CurrentThreadTaskExecutor;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;

/** Serve this model, without a toolkit: start, the URL and the count, stop, a port in use, a bad port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeViewModelTest {

    @TempDir
    static Path dir;

    private ModelService service;

    @BeforeAll
    void train() throws Exception {
        service = ServeFixture.trainedService(dir);
    }

    @AfterAll
    void close() {
        service.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void startsServesCountsAndStops() throws Exception {
        Session session = new Session();
        ServeViewModel vm = new ServeViewModel(service, session, new CurrentThreadTaskExecutor());
        assertThat(vm.canStartProperty().get()).as("no model open yet").isFalse();
        session.modelProperty().set(service.currentModel().orElseThrow());
        assertThat(vm.canStartProperty().get()).isTrue();

        int port = freePort();
        vm.portProperty().set(Integer.toString(port));
        vm.start();
        assertThat(vm.stateProperty().get()).isEqualTo(ServeViewModel.State.RUNNING);
        assertThat(vm.urlProperty().get()).isEqualTo("http://127.0.0.1:" + port + "/");
        assertThat(vm.statusProperty().get()).isEqualTo(Messages.get("serve.status.running", port));
        assertThat(vm.canStartProperty().get()).isFalse();
        assertThat(vm.runningProperty().get()).isTrue();

        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(vm.urlProperty().get() + "health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (vm.requestsProperty().get() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
            vm.refresh();
        }
        assertThat(vm.requestsProperty().get()).isEqualTo(1);

        vm.stop();
        assertThat(vm.stateProperty().get()).isEqualTo(ServeViewModel.State.STOPPED);
        assertThat(vm.urlProperty().get()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo(Messages.get("serve.status.stoppedAfter", 1L));
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.canStartProperty().get()).isTrue();
    }

    @Test
    void aPortInUseAndABadPortAreShownAndNothingRuns() throws Exception {
        Session session = new Session();
        session.modelProperty().set(service.currentModel().orElseThrow());
        ServeViewModel vm = new ServeViewModel(service, session, new CurrentThreadTaskExecutor());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            vm.portProperty().set(Integer.toString(taken.getLocalPort()));
            vm.start();
            assertThat(vm.stateProperty().get()).isEqualTo(ServeViewModel.State.STOPPED);
            assertThat(vm.errorProperty().get())
                    .contains("Port " + taken.getLocalPort())
                    .contains("in use");
            assertThat(vm.canStartProperty().get()).isTrue();
        }
        vm.portProperty().set("eighty");
        vm.start();
        assertThat(vm.errorProperty().get()).isEqualTo(Messages.get("serve.error.badPort"));
        vm.portProperty().set("70000");
        vm.start();
        assertThat(vm.errorProperty().get()).isEqualTo(Messages.get("serve.error.badPort"));
        assertThat(vm.stateProperty().get()).isEqualTo(ServeViewModel.State.STOPPED);
        vm.dispose();
    }
}
