package dev.switchboard.telemetry.housekeeping;

import java.sql.SQLException;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.auth.Right;

/** Admin operations, behind the admin key. */
@Path("/telemetry")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@Requires(Right.ADMIN)
public class ResetResource {

    private final ResetService reset;

    public ResetResource(ResetService reset) {
        this.reset = reset;
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Deletes every stored event, rollup and alert; answers with what it cleared")
    public ResetReport reset() throws SQLException {
        return reset.reset();
    }
}
