package dev.till.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * The route table. Each capability registers its routes through a {@link RouteGroup}; every route
 * names who may call it. The table is kept so tests can check each route against the OpenAPI
 * document. Not thread-safe: used only while the server is built.
 */
public final class Routes {
    public record Route(String method, String path, Access access) {}

    private final RoutesConfig routes;
    private final List<Route> table = new ArrayList<>();

    Routes(RoutesConfig routes) {
        this.routes = routes;
    }

    public Routes get(String path, Access access, Handler handler) {
        routes.get(path, handler, access);
        return add("get", path, access);
    }

    public Routes post(String path, Access access, Handler handler) {
        routes.post(path, handler, access);
        return add("post", path, access);
    }

    public Routes put(String path, Access access, Handler handler) {
        routes.put(path, handler, access);
        return add("put", path, access);
    }

    public Routes patch(String path, Access access, Handler handler) {
        routes.patch(path, handler, access);
        return add("patch", path, access);
    }

    public Routes delete(String path, Access access, Handler handler) {
        routes.delete(path, handler, access);
        return add("delete", path, access);
    }

    private Routes add(String method, String path, Access access) {
        table.add(new Route(method, path, access));
        return this;
    }

    public List<Route> table() {
        return List.copyOf(table);
    }

    /** One capability's routes, registered by the server's wiring. */
    public interface RouteGroup {
        void register(Routes routes);
    }
}
