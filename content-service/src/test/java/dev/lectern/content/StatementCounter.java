package dev.lectern.content;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the service prepares, by wrapping its {@link DataSource}: every
 * {@code prepareStatement}/{@code prepareCall}/{@code createStatement} on a connection counts one. Register with
 * {@code @Import(StatementCounter.Registration.class)}.
 */
public final class StatementCounter {

    public static final AtomicInteger STATEMENTS = new AtomicInteger();

    private StatementCounter() {
    }

    public static class Registration {

        @org.springframework.context.annotation.Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())
                            ? wrap(dataSource) : bean;
                }
            };
        }
    }

    static DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, forward(target, (method, result) -> result instanceof Connection c
                        ? Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
                                new Class<?>[] {Connection.class}, forward(c, (m, r) -> {
                                    if (m.getName().startsWith("prepare") || m.getName().equals("createStatement")) {
                                        STATEMENTS.incrementAndGet();
                                    }
                                    return r;
                                }))
                        : result));
    }

    private interface After {
        Object apply(java.lang.reflect.Method method, Object result);
    }

    private static InvocationHandler forward(Object target, After after) {
        return (proxy, method, args) -> {
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
