package dev.lectern.avatar.portrait;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/avatars/portraits")
class PortraitController {

    private final PortraitService portraits;

    PortraitController(PortraitService portraits) {
        this.portraits = portraits;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<PortraitResponse> upload(@AuthenticationPrincipal Jwt caller, @RequestPart("file") MultipartFile file)
            throws IOException {
        PortraitResponse body = portraits.upload(caller.getSubject(), file.getBytes()).toResponse();
        return ResponseEntity.created(URI.create("/api/avatars/portraits/" + body.id())).body(body);
    }

    @GetMapping("/{id}")
    PortraitResponse get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return portraits.get(caller.getSubject(), id).toResponse();
    }
}
