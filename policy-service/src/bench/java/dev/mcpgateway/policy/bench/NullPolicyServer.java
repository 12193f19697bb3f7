package dev.mcpgateway.policy.bench;

import dev.mcpgateway.contracts.policy.v1.DecideRequest;
import dev.mcpgateway.contracts.policy.v1.DecideResponse;
import dev.mcpgateway.contracts.policy.v1.Decision;
import dev.mcpgateway.contracts.policy.v1.PolicyServiceGrpc;
import dev.mcpgateway.contracts.policy.v1.SettleRequest;
import dev.mcpgateway.contracts.policy.v1.SettleResponse;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control for {@link DecideLoad}: a {@code PolicyService} that decides nothing. Decide answers ALLOW at once
 * (with a decision id, so the generator settles it), Settle answers empty. It runs on grpc-java's Netty server with
 * a direct executor and two NIO event loops, the leanest a Java gRPC server gets, with no Quarkus, Vert.x, metrics,
 * policy or counters. Whatever latency the generator measures against it is the floor of this machine, the JVM,
 * HTTP/2 and the generator itself; what policy-service measures above it is policy-service's own.
 *
 * <p>With a second argument {@code loop-executor}, grpc-java's callbacks are queued as tasks on the calling event
 * loop instead of run inline, as Vert.x's gRPC server (Quarkus' separate server) runs them: an A/B of that hop.
 *
 * <pre>java -Xms256m -Xmx256m -XX:+UseParallelGC -cp ... dev.mcpgateway.policy.bench.NullPolicyServer 9581 [loop-executor]</pre>
 */
public final class NullPolicyServer extends PolicyServiceGrpc.PolicyServiceImplBase {

    private final AtomicLong ids = new AtomicLong();

    @Override
    public void decide(DecideRequest request, StreamObserver<DecideResponse> answer) {
        answer.onNext(DecideResponse.newBuilder().setDecision(Decision.ALLOW).setRule("/null")
                .setDecisionId("null-" + ids.incrementAndGet()).build());
        answer.onCompleted();
    }

    @Override
    public void settle(SettleRequest request, StreamObserver<SettleResponse> answer) {
        answer.onNext(SettleResponse.getDefaultInstance());
        answer.onCompleted();
    }

    public static void main(String[] argv) throws Exception {
        int port = Integer.parseInt(argv[0]);
        boolean hop = argv.length > 1 && argv[1].equals("loop-executor");
        NioEventLoopGroup boss = new NioEventLoopGroup(1);
        NioEventLoopGroup workers = new NioEventLoopGroup(2);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .bossEventLoopGroup(boss).workerEventLoopGroup(workers).channelType(NioServerSocketChannel.class);
        if (hop) {
            builder.executor(command -> {
                for (EventExecutor loop : workers) {
                    if (loop.inEventLoop()) {
                        loop.execute(command);
                        return;
                    }
                }
                workers.next().execute(command);
            });
        } else {
            builder.directExecutor();
        }
        Server server = builder.addService(new NullPolicyServer()).build().start();
        System.out.println("null PolicyService on 127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            workers.shutdownGracefully();
            boss.shutdownGracefully();
        }));
        server.awaitTermination();
    }
}
