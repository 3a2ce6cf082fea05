package dk.udlaendinge.batch.common.batch.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a worker accepts from its queue, and what an embedded broker can listen on. */
class PartitionRequestTest {

    @Test
    void aRequestTravelsAsPlainValuesAndComesBackTheSame() {
        PartitionRequest request = new PartitionRequest("sendNoticesPartition", 42, 7, "renewal-partitions-1", "t-1");
        assertThat(request.toMap().values()).allMatch(v -> v instanceof String || v instanceof Long);
        assertThat(PartitionRequest.fromMap(request.toMap())).isEqualTo(request);
    }

    @Test
    void anythingElseIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> PartitionRequest.fromMap("0101901234 Jens Hansen"))
            .hasMessage("not a partition request (a String payload)");
        Map<String, Object> noToken = new HashMap<>(new PartitionRequest("s", 1, 2, "c", "t").toMap());
        noToken.put("token", "");
        assertThatThrownBy(() -> PartitionRequest.fromMap(noToken))
            .hasMessage("not a partition request (no valid 'token')");
        Map<String, Object> textId = new HashMap<>(new PartitionRequest("s", 1, 2, "c", "t").toMap());
        textId.put("stepExecutionId", "1");
        assertThatThrownBy(() -> PartitionRequest.fromMap(textId))
            .hasMessage("not a partition request (no valid 'stepExecutionId')");
        Map<String, Object> longName = new HashMap<>(new PartitionRequest("s", 1, 2, "c", "t").toMap());
        longName.put("stepName", "x".repeat(201));
        assertThatThrownBy(() -> PartitionRequest.fromMap(longName))
            .hasMessage("not a partition request (no valid 'stepName')");
    }

    @Test
    void theEmbeddedBrokerListensOnASimpleTcpUrlOnly() {
        assertThat(EmbeddedBroker.listenAddress("tcp://localhost:61616?consumerWindowSize=0").getPort())
            .isEqualTo(61616);
        assertThatThrownBy(() -> EmbeddedBroker.listenAddress("(tcp://a:1,tcp://b:2)?ha=true"))
            .hasMessageContaining("spring.artemis.broker-url must be tcp://HOST:PORT");
        assertThatThrownBy(() -> EmbeddedBroker.listenAddress("tcp://localhost"))
            .hasMessageContaining("spring.artemis.broker-url must be tcp://HOST:PORT");
    }

}
