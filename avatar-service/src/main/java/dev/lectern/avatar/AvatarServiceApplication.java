package dev.lectern.avatar;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AvatarServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AvatarServiceApplication.class, args);
    }
}
