package io.cardops.jobs.progress;

import java.time.Clock;

import org.springframework.batch.core.step.AbstractStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the {@link ProgressListener} on every step of every job as the step is created, so
 * that no job configuration has to remember it (and a step created lazily gets it too).
 */
@Configuration(proxyBeanMethods = false)
public class ProgressRegistration {

	/**
	 * The listener every step shares.
	 * @param progress the tracker
	 * @param repository where the counts are written
	 * @param clock the clock
	 * @return the listener
	 */
	@Bean
	ProgressListener progressListener(RunProgress progress, RunProgressRepository repository, Clock clock) {
		return new ProgressListener(progress, repository, clock);
	}

	/**
	 * Registers the listener on each step bean. Static, and given the listener lazily, so
	 * that creating this post-processor creates nothing else early.
	 * @param listener the listener
	 * @return the post-processor
	 */
	@Bean
	static BeanPostProcessor progressOnEveryStep(ObjectProvider<ProgressListener> listener) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractStep step) {
					step.registerStepExecutionListener(listener.getObject());
				}
				return bean;
			}

		};
	}

}
