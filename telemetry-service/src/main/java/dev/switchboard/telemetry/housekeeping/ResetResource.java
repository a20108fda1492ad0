package dev.switchboard.telemetry.housekeeping;

import java.sql.SQLException;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.telemetry.rest.AdminGuard;

/** Admin operations, behind the admin key. */
@Path("/telemetry")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class ResetResource {

    private final AdminGuard guard;
    private final ResetService reset;

    public ResetResource(AdminGuard guard, ResetService reset) {
        this.guard = guard;
        this.reset = reset;
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Deletes every stored event, rollup and alert; answers with what it cleared")
    public ResetReport reset(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws SQLException {
        guard.check(authorization);
        return reset.reset();
    }
}
