package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.Secret;
import dev.mapiworkbench.mapi.SmtpControl;
import dev.mapiworkbench.mapi.SmtpSettings;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's {@link SmtpControl}: a runtime-wide choice that, once made, wins over what the
 * profiles saved; the password given with it (or alone, for a profile's saved user) stays in memory.
 */
final class SimSmtpControl implements SmtpControl {

    private final SimRuntime rt;
    private boolean overridden;
    private SmtpSettings override;
    private Secret password;

    SimSmtpControl(SimRuntime rt) {
        this.rt = rt;
    }

    boolean overridden() {
        return overridden;
    }

    SmtpSettings override() {
        return override;
    }

    /** {@code s} with the remembered password when it has none of its own. */
    SmtpSettings withPassword(SmtpSettings s) {
        if (s == null || s.password() != null || password == null || s.user() == null) {
            return s;
        }
        return s.withPassword(password);
    }

    @Override
    public Optional<SmtpSettings> smtp() {
        rt.lock.lock();
        try {
            List<SimProfile> on = rt.profiles();
            if (!on.isEmpty()) {
                return Optional.ofNullable(on.get(0).smtp.settings());
            }
            if (overridden) {
                return Optional.ofNullable(withPassword(override));
            }
            return Optional.ofNullable(
                    withPassword(ProfileTransportFile.load(rt.options().profileDir(), rt.defaultProfileName())));
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public void useSmtp(SmtpSettings settings, boolean saveInProfile) {
        rt.lock.lock();
        try {
            overridden = true;
            override = settings;
            if (settings != null && settings.password() != null) {
                password = settings.password();
            }
            Path dir = rt.options().profileDir();
            List<SimProfile> on = rt.profiles();
            if (saveInProfile && dir != null) {
                try {
                    if (on.isEmpty()) {
                        ProfileTransportFile.save(dir, rt.defaultProfileName(), settings);
                    }
                    for (SimProfile p : on) {
                        ProfileTransportFile.save(dir, p.name, settings);
                        p.smtp.reloadSaved();
                    }
                } catch (UncheckedIOException e) {
                    throw new MapiException(HResult.MAPI_E_CALL_FAILED, "SmtpControl.useSmtp", e.getMessage());
                }
            }
            for (SimProfile p : on) {
                p.smtp.retryNow();
                p.spooler.queueChanged();
                p.spooler.publishStatus();
                p.statusRowChanged(EntryIds.ROW_TRANSPORT);
            }
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public void setPassword(Secret secret) {
        rt.lock.lock();
        try {
            password = secret;
            for (SimProfile p : rt.profiles()) {
                p.smtp.retryNow();
                p.spooler.queueChanged();
            }
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public String senderAddress() {
        rt.lock.lock();
        try {
            List<SimProfile> on = rt.profiles();
            if (!on.isEmpty()) {
                return on.get(0).smtp.sender(on.get(0).smtp.settings());
            }
            SmtpSettings s = overridden
                    ? override
                    : ProfileTransportFile.load(rt.options().profileDir(), rt.defaultProfileName());
            return SmtpLink.sender(s, rt.defaultProfileName());
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public void retryNow() {
        rt.lock.lock();
        try {
            rt.transportRules.retryNow(); // mail a 4xx transport rule deferred too (decision 0610)
            for (SimProfile p : rt.profiles()) {
                p.smtp.retryNow();
                p.spooler.queueChanged();
            }
            rt.changed.signalAll();
        } finally {
            rt.lock.unlock();
        }
    }
}
